package io.keyward.bench;

import io.keyward.activities.hsm.ForwardingKeyProvider;
import io.keyward.activities.hsm.KeyProvider;
import io.keyward.workflows.hsm.CreateKeyCommand;
import io.keyward.workflows.hsm.KeyVersionInfo;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider that counts the key creations one worker made through it. */
final class CountedCreates extends ForwardingKeyProvider {
  private final AtomicInteger creates = new AtomicInteger();

  CountedCreates(KeyProvider provider) {
    super(provider);
  }

  @Override
  public KeyVersionInfo create(CreateKeyCommand command) {
    KeyVersionInfo made = super.create(command);
    creates.incrementAndGet();
    return made;
  }

  int creates() {
    return creates.get();
  }
}
