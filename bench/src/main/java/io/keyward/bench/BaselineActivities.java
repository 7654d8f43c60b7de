package io.keyward.bench;

import io.temporal.activity.ActivityInterface;

/** No-op activities standing in for Keyward's provider calls and audit appends. */
@ActivityInterface(namePrefix = "Baseline")
public interface BaselineActivities {
  int noop(int value);

  /** Implementation shared by the bench's worker. */
  final class Impl implements BaselineActivities {
    @Override
    public int noop(int value) {
      return value;
    }
  }
}
