package dev.cordon.gateway.bench;

import dev.cordon.policy.compile.Changes;
import dev.cordon.policy.compile.PolicyCompiler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 4's incremental-compilation number: with a registry of 100,000 devices compiled, one
 * device's change recompiles its tables and peer entries ({@link PolicyCompiler#upsert}). Each
 * invocation moves one device between two segments (its label changes), the change that touches
 * the most: keys, device table and gateway peer entry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class RecompileBench {
  @Param("100000")
  int devices;

  @Param("10000")
  int rules;

  private PolicyCompiler compiler;
  private int flip;

  @Setup(Level.Trial)
  public void compile() {
    compiler = PolicyCompiler.compile(Fleet.document(rules), Fleet.registry(devices));
    if (compiler.gatewayTable(Fleet.GATEWAY).peers().size() != devices) {
      throw new IllegalStateException("not every device is a peer");
    }
  }

  /** Device 7 moves between segment 7 and segment 8 and back. */
  @Benchmark
  public Changes oneDeviceChanges() {
    flip ^= 1;
    Changes c = compiler.upsert(Fleet.device(7, 7 + flip));
    if (c.gateways().isEmpty()) throw new IllegalStateException("nothing recompiled");
    return c;
  }
}
