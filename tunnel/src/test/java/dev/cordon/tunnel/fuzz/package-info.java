/**
 * Jazzer fuzz targets for everything that reads bytes off the wire: the datagram classifier and
 * message views, the handshake consumers, and a live engine's receive path. Plain {@code mvn test}
 * replays the seed corpus under {@code src/test/resources/dev/cordon/tunnel/fuzz/<Class>Inputs/}
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes each target for its {@code maxDuration}. Inputs
 * are decoded by {@link dev.cordon.tunnel.fuzz.Script} from the front, so seeds are easy to write
 * by hand, and every target asserts both "nothing thrown" and "nothing changed unless the input was
 * genuine".
 */
package dev.cordon.tunnel.fuzz;
