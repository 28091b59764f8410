/**
 * Small runnables around the device for the lab and for people: {@link
 * dev.cordon.tunnel.tool.TunnelMain} runs one interface from a wg-quick style file and prints one
 * line per event.
 */
package dev.cordon.tunnel.tool;
