package dev.cordon.controller.api;

import dev.cordon.proto.v1.PageInfo;
import dev.cordon.proto.v1.PageRequest;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts an ordered list into pages. The page token is the key of the last item of the previous page,
 * so a page stays correct when items are added or removed between calls.
 */
final class Pages {

  static final int DEFAULT_SIZE = 100;
  static final int MAX_SIZE = 1000;

  record Page<T>(List<T> items, PageInfo info) {}

  private Pages() {}

  static int size(PageRequest request) {
    int size = request.getPageSize() == 0 ? DEFAULT_SIZE : request.getPageSize();
    return Math.min(size, MAX_SIZE);
  }

  static <T> Page<T> page(List<T> ordered, Function<T, String> key, PageRequest request) {
    int size = size(request);
    String after = request.getPageToken();
    int start = 0;
    if (!after.isEmpty()) {
      while (start < ordered.size() && !key.apply(ordered.get(start)).equals(after)) {
        start++;
      }
      start = start == ordered.size() ? ordered.size() : start + 1;
    }
    int end = Math.min(ordered.size(), start + size);
    List<T> items = ordered.subList(start, end);
    String next = end < ordered.size() && !items.isEmpty() ? key.apply(items.getLast()) : "";
    return new Page<>(List.copyOf(items), PageInfo.newBuilder().setNextPageToken(next).build());
  }
}
