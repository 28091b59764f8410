package dev.cordon.tunnel.tun;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls TUN access needs, as java.lang.foreign downcalls. Every call that can
 * fail captures errno at once (before the JVM can disturb it) into a per-thread scratch segment,
 * and failures become {@link TunException}s naming the call.
 */
final class Libc {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  // open(2) and ioctl(2) are variadic in C: everything after the second argument is variadic.
  private static final MethodHandle OPEN =
      downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), true);
  private static final MethodHandle IOCTL_POINTER =
      downcall("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), true);
  private static final MethodHandle READ =
      downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), false);
  private static final MethodHandle WRITE =
      downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), false);
  private static final MethodHandle CLOSE =
      downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
  private static final MethodHandle SOCKET =
      downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), false);
  private static final MethodHandle EVENTFD =
      downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), false);
  private static final MethodHandle POLL =
      downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), false);
  private static final MethodHandle GETEUID =
      LINKER.downcallHandle(
          LINKER.defaultLookup().findOrThrow("geteuid"), FunctionDescriptor.of(JAVA_INT));

  static final int O_RDWR = 0x2;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;
  static final int AF_INET = 2;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int EFD_NONBLOCK = 0x800;
  static final int EFD_CLOEXEC = 0x80000;
  static final short POLLIN = 0x1;
  static final short POLLOUT = 0x4;
  private static final long POLLFD_SIZE = 8;

  /** Per-thread memory for captured errno and poll(2)'s array, so packet calls allocate nothing. */
  private record Scratch(MemorySegment errno, MemorySegment pollfds) {}

  private static final ThreadLocal<Scratch> SCRATCH =
      ThreadLocal.withInitial(
          () -> {
            Arena arena = Arena.ofAuto();
            return new Scratch(arena.allocate(CAPTURE_LAYOUT), arena.allocate(POLLFD_SIZE * 2, 8));
          });

  private Libc() {}

  private static MethodHandle downcall(
      String name, FunctionDescriptor descriptor, boolean variadic) {
    MemorySegment symbol = LINKER.defaultLookup().findOrThrow(name);
    return variadic
        ? LINKER.downcallHandle(
            symbol, descriptor, CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2))
        : LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO);
  }

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  private static TunException failure(String call, MemorySegment state) {
    int errno = errno(state);
    return new TunException(call, errno, Errno.hint(errno));
  }

  static int open(String path, int flags) throws TunException {
    MemorySegment state = SCRATCH.get().errno();
    int fd;
    try (Arena arena = Arena.ofConfined()) {
      fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (fd < 0) {
      throw failure("open(" + path + ")", state);
    }
    return fd;
  }

  static void ioctl(int fd, long request, MemorySegment argument, String call) throws TunException {
    MemorySegment state = SCRATCH.get().errno();
    int result;
    try {
      result = (int) IOCTL_POINTER.invokeExact(state, fd, request, argument);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (result < 0) {
      throw failure(call, state);
    }
  }

  static int socket(int domain, int type) throws TunException {
    MemorySegment state = SCRATCH.get().errno();
    int fd;
    try {
      fd = (int) SOCKET.invokeExact(state, domain, type, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (fd < 0) {
      throw failure("socket", state);
    }
    return fd;
  }

  static int eventfd() throws TunException {
    MemorySegment state = SCRATCH.get().errno();
    int fd;
    try {
      fd = (int) EVENTFD.invokeExact(state, 0, EFD_NONBLOCK | EFD_CLOEXEC);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (fd < 0) {
      throw failure("eventfd", state);
    }
    return fd;
  }

  /** read(2); returns the byte count, or minus the errno. */
  static long read(int fd, MemorySegment buffer) {
    MemorySegment state = SCRATCH.get().errno();
    try {
      long n = (long) READ.invokeExact(state, fd, buffer, buffer.byteSize());
      return n >= 0 ? n : -errno(state);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** write(2); returns the byte count, or minus the errno. */
  static long write(int fd, MemorySegment buffer) {
    MemorySegment state = SCRATCH.get().errno();
    try {
      long n = (long) WRITE.invokeExact(state, fd, buffer, buffer.byteSize());
      return n >= 0 ? n : -errno(state);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Waits until {@code fd} is ready for {@code events} or {@code wakeFd} is readable. Returns 1 if
   * {@code fd} is ready, 2 if only the wake-up fired, 0 on timeout, or minus the errno.
   */
  static int poll(int fd, short events, int wakeFd, int timeoutMillis) {
    Scratch scratch = SCRATCH.get();
    MemorySegment pollfds = scratch.pollfds();
    pollfds.set(JAVA_INT, 0, fd);
    pollfds.set(JAVA_SHORT, 4, events);
    pollfds.set(JAVA_SHORT, 6, (short) 0);
    pollfds.set(JAVA_INT, 8, wakeFd);
    pollfds.set(JAVA_SHORT, 12, POLLIN);
    pollfds.set(JAVA_SHORT, 14, (short) 0);
    int ready;
    try {
      ready = (int) POLL.invokeExact(scratch.errno(), pollfds, 2L, timeoutMillis);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (ready < 0) {
      return -errno(scratch.errno());
    }
    if (ready == 0) {
      return 0;
    }
    return pollfds.get(JAVA_SHORT, 6) != 0 ? 1 : 2;
  }

  /** Closes {@code fd}, ignoring errors: used on paths that are already cleaning up. */
  static void closeQuietly(int fd) {
    try {
      int ignored = (int) CLOSE.invokeExact(SCRATCH.get().errno(), fd);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int geteuid() {
    try {
      return (int) GETEUID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("a native call threw a checked exception", t);
  }
}
