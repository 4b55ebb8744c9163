package dev.costguard.core.ports;

/** One poll of a command on one instance: its status and AWS's status details or output excerpt. */
public record CommandInvocation(CommandStatus status, String detail) {
}
