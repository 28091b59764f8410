/**
 * Linux TUN interfaces through java.lang.foreign (no JNI, no JNA): open {@code /dev/net/tun}, bind
 * it to a named layer-3 interface, and move whole IP packets between native memory and the kernel
 * with one system call per packet while traffic flows. Needs {@code --enable-native-access}.
 */
package dev.cordon.tunnel.tun;
