/** The device agent and the {@code cordon} CLI verbs, for devices and for administrators. */
package dev.cordon.client;
