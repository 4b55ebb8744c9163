# The composition is ../../stack (linked here); this file names the environment,
# whose defaults are its row in environments.tf.
variable "environment" {
  description = "The environment's name; picks its defaults in environments.tf."
  type        = string
  default     = "prod"
}
