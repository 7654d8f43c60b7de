package io.keyward.ui.inbox;

import java.util.List;

/**
 * The runs a listing found, and how: through Temporal's visibility (search attributes), or, on a
 * server without visibility queries such as the in-process test server, by listing every open or
 * closed run and querying each one. {@code truncated} says that more runs exist than were listed;
 * {@code next}, for a listing by pages, is the {@code page} parameter of the next page (null on the
 * last). {@code ordered} says the server ordered the runs (by the step's due date); otherwise they
 * come newest run first and only each page is ordered.
 */
public record Listing(
    List<RunRef> runs, Method method, boolean truncated, String next, boolean ordered) {
  public enum Method {
    VISIBILITY,
    SCAN
  }

  public Listing {
    runs = List.copyOf(runs);
  }

  public Listing(List<RunRef> runs, Method method, boolean truncated) {
    this(runs, method, truncated, null, false);
  }

  /** A sentence for the page that says how the list was made. */
  public String note() {
    return method == Method.VISIBILITY
        ? null
        : "This Temporal server answers no visibility queries (the in-process test server), so"
            + " Keyward listed every run and asked each one for its state.";
  }
}
