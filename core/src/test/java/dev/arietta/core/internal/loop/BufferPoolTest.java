package dev.arietta.core.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void reusesReleasedBuffersCleared() {
        BufferPool pool = new BufferPool(1024, 2);
        ByteBuffer buffer = pool.acquire();
        assertTrue(buffer.isDirect());
        assertEquals(1024, buffer.capacity());
        buffer.put((byte) 1).flip();
        pool.release(buffer);

        ByteBuffer again = pool.acquire();
        assertSame(buffer, again);
        assertEquals(0, again.position());
        assertEquals(1024, again.limit());
    }

    @Test
    void keepsAtMostMaxRetained() {
        BufferPool pool = new BufferPool(64, 2);
        ByteBuffer a = pool.acquire();
        ByteBuffer b = pool.acquire();
        ByteBuffer c = pool.acquire();
        pool.release(a);
        pool.release(b);
        pool.release(c);
        assertEquals(2, pool.retained());
        pool.acquire();
        pool.acquire();
        assertEquals(0, pool.retained());
        assertNotSame(c, pool.acquire());
    }

    @Test
    void refusesForeignBuffers() {
        BufferPool pool = new BufferPool(64, 2);
        assertThrows(IllegalArgumentException.class, () -> pool.release(ByteBuffer.allocateDirect(32)));
        assertThrows(IllegalArgumentException.class, () -> pool.release(ByteBuffer.allocate(64)));
        assertThrows(IllegalArgumentException.class, () -> new BufferPool(0, 1));
    }

    @Test
    void standardPoolsHaveDocumentedSizes() {
        assertEquals(16 * 1024, BufferPool.small().bufferSize());
        assertEquals(64 * 1024, BufferPool.large().bufferSize());
    }
}
