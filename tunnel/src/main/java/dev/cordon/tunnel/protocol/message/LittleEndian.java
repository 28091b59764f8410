package dev.cordon.tunnel.protocol.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian integers in byte arrays, WireGuard's byte order for indices and counters. */
public final class LittleEndian {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  public static int getInt(byte[] b, int off) {
    return (int) INT.get(b, off);
  }

  public static void putInt(byte[] b, int off, int value) {
    INT.set(b, off, value);
  }

  public static long getLong(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }

  public static void putLong(byte[] b, int off, long value) {
    LONG.set(b, off, value);
  }
}
