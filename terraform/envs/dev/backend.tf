# dev keeps its state locally (terraform.tfstate here, ignored by git): one
# person's experiments. prod uses the S3 backend with native locking.
