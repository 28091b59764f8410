package dev.cordon.tunnel.tun;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A layer-3 TUN interface: each read returns one IP packet the kernel routed to the interface, each
 * write hands one IP packet to the kernel as if it arrived on the interface.
 *
 * <p>The interface exists while this object is open (it is not made persistent), so closing it or
 * exiting the process removes it. No packet-information header is used; buffers hold bare IPv4 or
 * IPv6 packets unless the device was opened with offloads, when each starts with a {@link
 * VirtioNetHeader} (see {@link #offloads()}).
 *
 * <p>The descriptor is non-blocking: a read tries read(2) first and only polls when the queue is
 * empty, so a busy interface costs one system call per packet. The poll also watches an eventfd
 * that {@link #close()} signals, which is how a blocked reader learns the device closed. One thread
 * may read while another writes.
 */
public final class TunDevice implements AutoCloseable {
  static final long TUNSETIFF = 0x400454caL;
  static final short IFF_TUN = 0x0001;
  static final short IFF_NO_PI = 0x1000;
  static final short IFF_VNET_HDR = 0x4000;
  static final long TUNSETVNETHDRSZ = 0x400454d8L;
  static final long TUNSETOFFLOAD = 0x400454d0L;
  static final long TUN_F_CSUM = 0x01;
  static final long TUN_F_TSO4 = 0x02;
  static final long TUN_F_TSO6 = 0x04;
  static final long SIOCGIFFLAGS = 0x8913;
  static final long SIOCSIFFLAGS = 0x8914;
  static final long SIOCSIFMTU = 0x8922;
  static final short IFF_UP = 0x1;

  /** IPv4's minimum MTU and the largest IP packet. */
  static final int MIN_MTU = 68;

  static final int MAX_MTU = 65535;

  private final int fd;
  private final int wakeFd;
  private final String name;
  private final int mtu;
  private final TunOffloads offloads;
  private final AtomicInteger inUse = new AtomicInteger();
  private volatile boolean closed;

  private TunDevice(int fd, int wakeFd, String name, int mtu, TunOffloads offloads) {
    this.fd = fd;
    this.wakeFd = wakeFd;
    this.name = name;
    this.mtu = mtu;
    this.offloads = offloads;
  }

  /**
   * Creates the TUN interface {@code name} (or attaches to an existing one this user may use) and
   * sets its MTU. The interface starts down: call {@link #up()} once addresses are set.
   *
   * @throws TunException naming the failed call; EPERM means the process lacks CAP_NET_ADMIN
   */
  public static TunDevice open(String name, int mtu) throws TunException {
    return open(name, mtu, false);
  }

  /**
   * As {@link #open(String, int)}; with {@code offloads}, every read and write also carries a
   * {@link VirtioNetHeader} and the kernel is offered checksum and TCP segmentation offload (see
   * {@link #offloads()} for what it took; a kernel refusing them leaves the header with no
   * offloads). Reads then need a {@link Segmenter} to become plain packets.
   */
  public static TunDevice open(String name, int mtu, boolean offloads) throws TunException {
    IfReq.checkName(name);
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new IllegalArgumentException("MTU " + mtu + " outside " + MIN_MTU + ".." + MAX_MTU);
    }
    int fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
    int wakeFd = -1;
    try (Arena arena = Arena.ofConfined()) {
      short flags = (short) (IFF_TUN | IFF_NO_PI | (offloads ? IFF_VNET_HDR : 0));
      MemorySegment ifreq = IfReq.withFlags(arena, name, flags);
      Libc.ioctl(fd, TUNSETIFF, ifreq, "ioctl(TUNSETIFF, " + name + ")");
      String actual = IfReq.name(ifreq);
      TunOffloads agreed = offloads ? negotiate(arena, fd, actual) : TunOffloads.NONE;
      withControlSocket(
          socket ->
              Libc.ioctl(
                  socket,
                  SIOCSIFMTU,
                  IfReq.withMtu(arena, actual, mtu),
                  "ioctl(SIOCSIFMTU, " + actual + ")"));
      wakeFd = Libc.eventfd();
      return new TunDevice(fd, wakeFd, actual, mtu, agreed);
    } catch (TunException | RuntimeException e) {
      Libc.closeQuietly(fd);
      if (wakeFd >= 0) {
        Libc.closeQuietly(wakeFd);
      }
      throw e;
    }
  }

  /** Sets the header size, then asks for checksum and TSO; a refusal leaves only the header. */
  private static TunOffloads negotiate(Arena arena, int fd, String name) throws TunException {
    MemorySegment size = arena.allocateFrom(ValueLayout.JAVA_INT, VirtioNetHeader.SIZE);
    Libc.ioctl(fd, TUNSETVNETHDRSZ, size, "ioctl(TUNSETVNETHDRSZ, " + name + ")");
    // TUNSETOFFLOAD takes the flags themselves as its argument, not a pointer to them.
    MemorySegment wanted = MemorySegment.ofAddress(TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6);
    try {
      Libc.ioctl(fd, TUNSETOFFLOAD, wanted, "ioctl(TUNSETOFFLOAD, " + name + ")");
      return TunOffloads.TSO;
    } catch (TunException e) {
      if (e.errno() != Errno.EINVAL) {
        throw e;
      }
      return TunOffloads.HEADER_ONLY;
    }
  }

  /** The header and offloads agreed with the kernel ({@link TunOffloads#NONE} unless asked). */
  public TunOffloads offloads() {
    return offloads;
  }

  /** The interface's name as the kernel holds it. */
  public String name() {
    return name;
  }

  public int mtu() {
    return mtu;
  }

  /** Brings the interface up (IFF_UP), keeping its other flags. */
  public void up() throws TunException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ifreq = IfReq.withFlags(arena, name, (short) 0);
      withControlSocket(
          socket -> {
            Libc.ioctl(socket, SIOCGIFFLAGS, ifreq, "ioctl(SIOCGIFFLAGS, " + name + ")");
            ifreq.set(
                ValueLayout.JAVA_SHORT, IfReq.UNION_OFFSET, (short) (IfReq.flags(ifreq) | IFF_UP));
            Libc.ioctl(socket, SIOCSIFFLAGS, ifreq, "ioctl(SIOCSIFFLAGS, " + name + ")");
          });
    }
  }

  /** Adds an address such as "100.64.0.1/10" or "fd00::1/64" with `ip address add`. */
  public void addAddress(String prefix) throws IOException {
    IpCommand.run("address", "add", IpCommand.checkPrefix(prefix), "dev", name);
  }

  /** Routes a prefix such as "100.64.0.0/10" to this interface with `ip route add`. */
  public void addRoute(String prefix) throws IOException {
    IpCommand.run("route", "add", IpCommand.checkPrefix(prefix), "dev", name);
  }

  /**
   * Reads one packet into {@code buffer}, waiting as long as it takes.
   *
   * @return the packet's length, or -1 once the device is closed
   */
  public int read(MemorySegment buffer) throws TunException {
    return read(buffer, -1);
  }

  /**
   * Reads one packet into {@code buffer} (a native segment at least {@link #mtu()} long, or the
   * packet is truncated), waiting at most {@code timeoutMillis} (negative: forever; zero: not at
   * all, one read(2) only).
   *
   * @return the packet's length, 0 if the wait timed out, or -1 once the device is closed
   */
  public int read(MemorySegment buffer, int timeoutMillis) throws TunException {
    if (!enter()) {
      return -1;
    }
    try {
      while (true) {
        long n = Libc.read(fd, buffer);
        if (n >= 0) {
          return (int) n;
        }
        int errno = (int) -n;
        if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
          throw new TunException("read(" + name + ")", errno, null);
        }
        if (timeoutMillis == 0 && errno == Errno.EAGAIN) {
          // The read just found the queue empty: a zero-timeout poll would only say so again,
          // at the cost of a system call after every packet the reader drains.
          return 0;
        }
        int ready = await(Libc.POLLIN, timeoutMillis);
        if (closed) {
          return -1;
        }
        if (ready == 0) {
          return 0;
        }
      }
    } finally {
      exit();
    }
  }

  /** Reads one packet into a direct buffer, waiting as long as it takes; see below. */
  public int read(ByteBuffer buffer) throws TunException {
    return read(buffer, -1);
  }

  /**
   * Reads one packet into a direct buffer between its position and limit, then advances the
   * position past it.
   *
   * @return as {@link #read(MemorySegment, int)}
   */
  public int read(ByteBuffer buffer, int timeoutMillis) throws TunException {
    int n = read(MemorySegment.ofBuffer(direct(buffer)), timeoutMillis);
    if (n > 0) {
      buffer.position(buffer.position() + n);
    }
    return n;
  }

  /**
   * Writes {@code packet} as one IP packet arriving on the interface.
   *
   * @return the bytes the kernel took: the whole packet, or fewer on a short write (which the
   *     caller must treat as a lost packet; TUN writes are not resumable)
   */
  public long write(MemorySegment packet) throws IOException {
    if (!enter()) {
      throw new ClosedChannelException();
    }
    try {
      while (true) {
        long n = Libc.write(fd, packet);
        if (n >= 0) {
          return n;
        }
        int errno = (int) -n;
        if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
          throw new TunException("write(" + name + ")", errno, null);
        }
        if (errno == Errno.EAGAIN) {
          await(Libc.POLLOUT, -1);
        }
        if (closed) {
          throw new ClosedChannelException();
        }
      }
    } finally {
      exit();
    }
  }

  /**
   * Writes the bytes between a direct buffer's position and limit as one packet, then moves the
   * position past the bytes the kernel took: bytes remaining afterwards mean a short write.
   */
  public void write(ByteBuffer packet) throws IOException {
    long n = write(MemorySegment.ofBuffer(direct(packet)));
    packet.position(packet.position() + (int) n);
  }

  /**
   * Closes the device, which removes the interface. Wakes a reader blocked in {@link #read} (it
   * returns -1) and waits for calls in progress to leave before releasing the descriptor, so a
   * descriptor number is never reused under a running call. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try (Arena arena = Arena.ofConfined()) {
      Libc.write(wakeFd, arena.allocateFrom(ValueLayout.JAVA_LONG, 1L));
    }
    while (inUse.get() > 0) {
      Thread.onSpinWait();
      Thread.yield();
    }
    Libc.closeQuietly(fd);
    Libc.closeQuietly(wakeFd);
  }

  private boolean enter() {
    inUse.incrementAndGet();
    if (closed) {
      inUse.decrementAndGet();
      return false;
    }
    return true;
  }

  private void exit() {
    inUse.decrementAndGet();
  }

  /** Polls; returns 0 on timeout, otherwise a positive number (retry the call, or see closed). */
  private int await(short events, int timeoutMillis) throws TunException {
    int ready = Libc.poll(fd, events, wakeFd, timeoutMillis);
    if (ready == -Errno.EINTR) {
      return 1;
    }
    if (ready < 0) {
      throw new TunException("poll(" + name + ")", -ready, null);
    }
    return ready;
  }

  private static ByteBuffer direct(ByteBuffer buffer) {
    if (!buffer.isDirect()) {
      throw new IllegalArgumentException("TUN reads and writes need a direct buffer");
    }
    return buffer;
  }

  /** Interface ioctls go through any socket; this one lives only for the call. */
  private static void withControlSocket(SocketAction action) throws TunException {
    int socket = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC);
    try {
      action.run(socket);
    } finally {
      Libc.closeQuietly(socket);
    }
  }

  @FunctionalInterface
  private interface SocketAction {
    void run(int socket) throws TunException;
  }
}
