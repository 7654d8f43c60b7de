package io.keyward.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RawBodyTest {
  @Test
  void readsABodyUpToTheLimitByteForByte() {
    byte[] body = new byte[1024];
    body[1023] = 7;

    assertThat(RawBody.read(new ByteArrayInputStream(body), 1024)).isEqualTo(body);
  }

  @Test
  void stopsReadingAnEndlessBodyJustPastTheLimit() {
    CountingEndlessStream endless = new CountingEndlessStream();

    assertThatThrownBy(() -> RawBody.read(endless, 1024))
        .isInstanceOf(BodyTooLargeException.class)
        .hasMessage("the body is larger than 1024 bytes; nothing was started");
    assertThat(endless.served).isEqualTo(1025);
  }

  private static final class CountingEndlessStream extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) 'x');
      served += len;
      return len;
    }
  }
}
