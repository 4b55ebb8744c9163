# The state bucket of the demo environment: the fake account has it versioned and closed to the public.
bucket = "costguard-demo-state"
region = "eu-west-1"
