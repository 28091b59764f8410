package dev.cordon.tunnel.tool;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.WireGuardDevice;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one WireGuard interface from a wg-quick style file until SIGTERM or SIGINT:
 *
 * <pre>
 * java -cp 'lib/*' dev.cordon.tunnel.tool.TunnelMain --interface NAME --config FILE
 *     [--status-file PATH]
 * </pre>
 *
 * Prints "ready interface=NAME port=P offloads=O" (O as {@code TunOffloads}; the environment
 * variable CORDON_TUN_OFFLOADS=off turns TUN offloads off), then one line per event (see {@link
 * EventPrinter}). Exit codes: 0 after a signal, 1 when the interface or socket cannot be opened, 2
 * for bad arguments or a bad file (the message names the line).
 */
public final class TunnelMain {
  private TunnelMain() {}

  record Args(String iface, Path config, Path statusFile) {}

  public static void main(String[] argv) {
    // Events come from several threads and a reader may be a pipe: flush every line.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.exit(run(argv, out, System.err));
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    Args args;
    WgQuickConfig config;
    try {
      args = parseArgs(argv);
      config = WgQuickConfig.parse(Files.readAllLines(args.config(), StandardCharsets.UTF_8));
    } catch (ConfigException e) {
      err.println("tunnel: " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      err.println("tunnel: no such config file: " + e.getFile());
      return 2;
    } catch (IOException e) {
      err.println("tunnel: cannot read the config file: " + e.getMessage());
      return 2;
    }
    return serve(args, config, out, err);
  }

  private static int serve(Args args, WgQuickConfig config, PrintStream out, PrintStream err) {
    CountDownLatch stop = new CountDownLatch(1);
    Signals.onTermination(stop::countDown);
    try (WireGuardDevice device = open(args, config, out)) {
      out.println(
          "ready interface="
              + device.interfaceName()
              + " port="
              + device.listenPort()
              + " offloads="
              + device.offloads());
      StatusFile status = args.statusFile() == null ? null : new StatusFile(args.statusFile());
      while (!stop.await(1, TimeUnit.SECONDS)) {
        if (status != null) {
          status.write(device);
        }
      }
      out.println("stopping interface=" + device.interfaceName());
      return 0;
    } catch (IOException e) {
      err.println("tunnel: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static WireGuardDevice open(Args args, WgQuickConfig config, PrintStream out)
      throws IOException {
    WireGuardDevice device =
        WireGuardDevice.builder()
            .interfaceName(args.iface())
            .mtu(config.mtu())
            .listenPort(config.listenPort())
            .privateKey(config.privateKey())
            .listener(new EventPrinter(out))
            .offloads(offloadsWanted())
            .open();
    for (PeerConfig peer : config.peers()) {
      device.setPeer(peer);
    }
    return device;
  }

  /** TUN offloads stay on unless CORDON_TUN_OFFLOADS=off (to compare, or for a buggy kernel). */
  private static boolean offloadsWanted() {
    return !"off".equals(System.getenv("CORDON_TUN_OFFLOADS"));
  }

  static Args parseArgs(String[] argv) throws ConfigException {
    String iface = null;
    Path config = null;
    Path status = null;
    for (int i = 0; i < argv.length; i++) {
      String flag = argv[i];
      if (i + 1 >= argv.length) {
        throw new ConfigException(0, "missing value after " + flag + "\n" + usage());
      }
      String value = argv[++i];
      switch (flag) {
        case "--interface" -> iface = value;
        case "--config" -> config = Path.of(value);
        case "--status-file" -> status = Path.of(value);
        default -> throw new ConfigException(0, "unknown option " + flag + "\n" + usage());
      }
    }
    if (iface == null || config == null) {
      throw new ConfigException(0, "--interface and --config are required\n" + usage());
    }
    return new Args(iface, config, status);
  }

  private static String usage() {
    return "usage: TunnelMain --interface NAME --config FILE [--status-file PATH]";
  }
}
