package dev.cordon.controller.audit;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps refused API calls from flooding the audit log while never losing count of them.
 *
 * <p>The first refusal of a {@link RefusedCall} is written at once, exactly as a lone refusal
 * always was (principal, method as target, reason, empty change). Repeats of it during the next
 * {@link DenialLimits#window()} are only counted. When that window has closed, one summary entry
 * with the same principal, target and reason says how many repeats were not written one by one: its
 * change reads {@code suppressed=N first=T last=T} (ISO-8601 instants of the first and last repeat,
 * plus {@code peer=A} for an unauthenticated caller). A refusal after the window is a first refusal
 * again. So the written entries' counts (1 per first entry, N per summary) always add up to the
 * number of refusals.
 *
 * <p>At most {@link DenialLimits#maxCallers()} refusals are tracked; refusals of any further caller
 * are only counted, in one overflow window summarised the same way with an empty principal and
 * target and reason {@value #OVERFLOW_REASON}.
 *
 * <p>A summary is written by the next repeat after its window, by a sweep every quarter window
 * (when started with {@link #start}), or by {@link #close()}. Thread-safe: the refused path holds
 * one lock for a map lookup; store writes happen outside it. A write that fails is logged as a
 * warning with its count and never thrown to the caller.
 */
public final class DenialAggregator implements AutoCloseable {

  /** The reason of the summary for callers beyond the tracked bound. */
  public static final String OVERFLOW_REASON = "OVERFLOW";

  private static final Logger LOG = System.getLogger(DenialAggregator.class.getName());
  private static final RefusedCall OVERFLOW = new RefusedCall("", "", "", OVERFLOW_REASON);

  private final AuditLog audit;
  private final Clock clock;
  private final DenialLimits limits;
  private final Object lock = new Object();
  // Insertion order is opening order, so the head is the window that closes first.
  private final LinkedHashMap<RefusedCall, Window> windows = new LinkedHashMap<>();
  private Window overflow;
  private boolean closed;
  private ScheduledFuture<?> sweeper;

  /** Without a background sweep: summaries come from repeats, {@link #sweep()} and close. */
  DenialAggregator(AuditLog audit, Clock clock, DenialLimits limits) {
    this.audit = audit;
    this.clock = clock;
    this.limits = limits;
  }

  /** With a daemon sweep every quarter window, so a caller that falls quiet is summarised too. */
  public static DenialAggregator start(AuditLog audit, Clock clock, DenialLimits limits) {
    DenialAggregator denials = new DenialAggregator(audit, clock, limits);
    long every = limits.sweepEvery().toMillis();
    synchronized (denials.lock) {
      denials.sweeper =
          Sweeps.TIMER.scheduleWithFixedDelay(
              denials::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }
    return denials;
  }

  /** Call for every refused call: writes it, counts it, or summarises what came before it. */
  public void refused(RefusedCall call) {
    List<Write> writes = new ArrayList<>(2);
    synchronized (lock) {
      decide(call, clock.instant(), writes);
    }
    writes.forEach(this::write);
  }

  /** Writes the summaries of every window that has closed. */
  public void sweep() {
    List<Write> writes = new ArrayList<>();
    synchronized (lock) {
      Instant now = clock.instant();
      Iterator<Map.Entry<RefusedCall, Window>> it = windows.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<RefusedCall, Window> entry = it.next();
        if (!entry.getValue().openAt(now)) {
          it.remove();
          entry.getValue().summarise(entry.getKey(), writes);
        }
      }
      if (overflow != null && !overflow.openAt(now)) {
        overflow.summarise(OVERFLOW, writes);
        overflow = null;
      }
    }
    writes.forEach(this::write);
  }

  /**
   * Stops the sweep and writes every pending summary, closed window or not. Call after the server
   * has stopped taking calls and before the store closes; refusals after this are written at once.
   */
  @Override
  public void close() {
    List<Write> writes = new ArrayList<>();
    synchronized (lock) {
      if (sweeper != null) {
        sweeper.cancel(false);
      }
      closed = true;
      windows.forEach((call, window) -> window.summarise(call, writes));
      windows.clear();
      if (overflow != null) {
        overflow.summarise(OVERFLOW, writes);
        overflow = null;
      }
    }
    writes.forEach(this::write);
  }

  /** How many distinct refusals are tracked now, the overflow window not included. */
  int tracked() {
    synchronized (lock) {
      return windows.size();
    }
  }

  private void decide(RefusedCall call, Instant now, List<Write> writes) {
    if (closed) {
      writes.add(new First(call));
      return;
    }
    Window window = windows.get(call);
    if (window != null && window.openAt(now)) {
      window.repeat(now);
      return;
    }
    if (window != null) {
      windows.remove(call);
      window.summarise(call, writes);
    }
    if (windows.size() >= limits.maxCallers()) {
      retireOldest(now, writes);
    }
    if (windows.size() < limits.maxCallers()) {
      windows.put(call, new Window(now, limits.window()));
      writes.add(new First(call));
      return;
    }
    if (overflow != null && !overflow.openAt(now)) {
      overflow.summarise(OVERFLOW, writes);
      overflow = null;
    }
    if (overflow == null) {
      overflow = new Window(now, limits.window());
    }
    overflow.repeat(now);
  }

  /** Frees one slot if the oldest window has closed: constant work on the refused path. */
  private void retireOldest(Instant now, List<Write> writes) {
    Map.Entry<RefusedCall, Window> oldest = windows.firstEntry();
    if (oldest != null && !oldest.getValue().openAt(now)) {
      windows.remove(oldest.getKey());
      oldest.getValue().summarise(oldest.getKey(), writes);
    }
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // A failed sweep must not cancel the next ones.
      LOG.log(Level.WARNING, "the sweep of refused-call summaries failed", e);
    }
  }

  private void write(Write write) {
    try {
      RefusedCall call = write.call();
      audit.append(
          call.principal(),
          AuditAction.API_DENIED,
          call.method(),
          AuditOutcome.DENIED,
          write.change(),
          call.reason());
    } catch (RuntimeException e) {
      // The refusal stands even if the store cannot record it; the log keeps the count.
      LOG.log(Level.WARNING, "could not audit " + write.describe(), e);
    }
  }

  /** Repeats of one refusal counted since it was written. */
  private static final class Window {
    private final Instant closes;
    private long suppressed;
    private Instant first;
    private Instant last;

    Window(Instant opened, Duration length) {
      this.closes = opened.plus(length);
    }

    boolean openAt(Instant now) {
      return now.isBefore(closes);
    }

    void repeat(Instant now) {
      suppressed++;
      if (first == null) {
        first = now;
      }
      last = now;
    }

    void summarise(RefusedCall call, List<Write> writes) {
      if (suppressed > 0) {
        writes.add(new Summary(call, suppressed, first, last));
      }
    }
  }

  private sealed interface Write permits First, Summary {
    RefusedCall call();

    String change();

    String describe();
  }

  private record First(RefusedCall call) implements Write {
    @Override
    public String change() {
      return "";
    }

    @Override
    public String describe() {
      return "a refused call to " + call.method() + " (" + call.reason() + ")";
    }
  }

  private record Summary(RefusedCall call, long suppressed, Instant first, Instant last)
      implements Write {
    @Override
    public String change() {
      String counted = "suppressed=" + suppressed + " first=" + first + " last=" + last;
      return call.peer().isEmpty() ? counted : counted + " peer=" + call.peer();
    }

    @Override
    public String describe() {
      String what =
          call.equals(OVERFLOW)
              ? "refusals of untracked callers"
              : "repeated refusals of " + call.method() + " (" + call.reason() + ")";
      return suppressed + " " + what + " between " + first + " and " + last;
    }
  }

  /** One daemon thread for every aggregator's sweep; a sweep is a few map reads. */
  private static final class Sweeps {
    static final ScheduledThreadPoolExecutor TIMER = timer();

    private static ScheduledThreadPoolExecutor timer() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread thread = new Thread(r, "cordon-denial-sweep");
                thread.setDaemon(true);
                return thread;
              });
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }
}
