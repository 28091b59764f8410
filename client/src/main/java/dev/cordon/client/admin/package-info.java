/**
 * The administrator verbs: tokens, devices, gateways, policy, audit and administrators, each one
 * class over the Admin service, with tables for people and {@code --json} for scripts.
 */
package dev.cordon.client.admin;
