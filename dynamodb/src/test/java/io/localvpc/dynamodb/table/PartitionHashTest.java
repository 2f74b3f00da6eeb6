package io.localvpc.dynamodb.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DynamoDB's base-100 number bytes, which feed the placement hash (the same layout as Oracle's NUMBER, whose known encodings check it). */
class PartitionHashTest {
    @ParameterizedTest
    @CsvSource({
            "0, 80",
            "1, c102",
            "100, c202",
            "123.45, c202182e",
            "0.5, c033",
            "-1, 3e6466",
            "-123.45, 3d644e3866",
    })
    void encodesNumbersInBase100(String number, String hex) {
        assertEquals(hex, HexFormat.of().formatHex(PartitionHash.number(new BigDecimal(number))));
    }
}
