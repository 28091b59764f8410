package dev.cordon.client.admin;

import dev.cordon.proto.v1.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks a paged list to its end, so that every list verb shows the whole list. */
final class Pages {

  /** Stops a server that keeps returning page tokens from keeping the CLI forever. */
  private static final int MAX_PAGES = 1000;

  private Pages() {}

  static <R, T> List<T> all(
      Function<PageRequest, R> fetch, Function<R, List<T>> items, Function<R, String> next) {
    List<T> all = new ArrayList<>();
    String token = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      R response = fetch.apply(PageRequest.newBuilder().setPageToken(token).build());
      all.addAll(items.apply(response));
      token = next.apply(response);
      if (token.isEmpty()) {
        break;
      }
    }
    return all;
  }
}
