package io.keyward.workflows.incident;

import java.util.ArrayList;
import java.util.List;

/** The order in which the fakes of one test were called, shared by all of them. */
public final class CallLog {
  private final List<String> calls = new ArrayList<>();

  public synchronized void add(String call) {
    calls.add(call);
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }
}
