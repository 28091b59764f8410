/**
 * The machinery every verb shares: the base command that turns failures into one message and an
 * exit code, the exit codes themselves, the context (connector, environment, clock), tables and
 * JSON for output, value formats, and shell completion.
 */
package dev.cordon.client.cli;
