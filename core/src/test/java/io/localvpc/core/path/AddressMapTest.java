package io.localvpc.core.path;

import io.localvpc.core.net.Ipv4;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AddressMapTest {
    @Test
    void answersLikeAHashMapThroughGrowthAndReplacement() {
        AddressMap<String> m = new AddressMap<>();
        Map<Long, String> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long address = random.nextInt(2_000) + (random.nextBoolean() ? 0 : 0xFFFF_F000L); // collisions and high addresses
            m.put(address, "v" + i);
            expected.put(address, "v" + i);
        }
        assertEquals(expected.size(), m.size());
        for (long a = 0; a < 2_000; a++) assertEquals(expected.get(a), m.get(a), "address " + a);
        for (long a = 0xFFFF_F000L; a < 0xFFFF_F000L + 2_000; a++) assertEquals(expected.get(a), m.get(a), "address " + a);
    }

    @Test
    void theExtremeAddressesAreKeysAndUnparsableOnesAreIgnored() {
        AddressMap<String> m = new AddressMap<>();
        m.put(0, "zero");
        m.put(Ipv4.parse("255.255.255.255"), "broadcast");
        m.put(Ipv4.parse("not an address"), "nothing");
        assertEquals("zero", m.get(0));
        assertEquals("broadcast", m.get(Ipv4.parse("255.255.255.255")));
        assertNull(m.get(-1));
        assertNull(m.get(1));
        assertEquals(2, m.size());
    }
}
