package io.localvpc.api.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Model;
import io.localvpc.core.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryDecoderTest {
    private static final Shape AUTHORIZE = Ec2Model.get().operation("AuthorizeSecurityGroupIngress").orElseThrow().input();

    /** Issue 10 item 5: 4294967739 is 2^32 + 443; it used to be stored as a rule for port 443. */
    @ParameterizedTest
    @ValueSource(strings = {"4294967739", "-4294967274", "2147483648", "-2147483649", "99999999999999999999"})
    void integersOutsideInt32AreRefusedNotWrapped(String value) {
        AwsException e = assertThrows(AwsException.class, () -> QueryDecoder.decode(AUTHORIZE,
                Map.of("GroupId", "sg-1", "IpProtocol", "tcp", "FromPort", value, "ToPort", value, "CidrIp", "0.0.0.0/0")));
        assertEquals("InvalidParameterValue", e.code());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void int32LimitsThemselvesDecode() {
        ObjectNode in = QueryDecoder.decode(AUTHORIZE, Map.of("GroupId", "sg-1", "FromPort", "-2147483648", "ToPort", "2147483647"));
        assertEquals(Integer.MIN_VALUE, in.get("FromPort").intValue());
        assertEquals(Integer.MAX_VALUE, in.get("ToPort").intValue());
    }

    @Test
    void maxResultsBeyondInt32IsRefusedNotTakenModulo() {
        Shape describe = Ec2Model.get().operation("DescribeVpcs").orElseThrow().input();
        assertEquals("InvalidParameterValue", assertThrows(AwsException.class,
                () -> QueryDecoder.decode(describe, Map.of("MaxResults", "4294967301"))).code());
    }

    /** Issue 10 item 4: a control character stored in a tag made every later DescribeTags malformed XML. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "\u0000", "x\uFFFEy", "x\uFFFF", "bad\uD800surrogate"})
    void charactersXmlCannotCarryAreRefused(String value) {
        Shape createTags = Ec2Model.get().operation("CreateTags").orElseThrow().input();
        AwsException e = assertThrows(AwsException.class, () -> QueryDecoder.decode(createTags,
                Map.of("ResourceId.1", "vpc-1", "Tag.1.Key", "k", "Tag.1.Value", value)));
        assertEquals("InvalidParameterValue", e.code());
        assertTrue(e.getMessage().contains("Tag.1.Value"), e.getMessage());
    }

    @Test
    void tabsNewlinesAndAstralCharactersAreFine() {
        Shape createTags = Ec2Model.get().operation("CreateTags").orElseThrow().input();
        ObjectNode in = QueryDecoder.decode(createTags, Map.of("ResourceId.1", "vpc-1", "Tag.1.Key", "k", "Tag.1.Value", "a\tb\nc \uD83D\uDE00 é"));
        assertEquals("a\tb\nc \uD83D\uDE00 é", in.get("Tags").get(0).get("Value").asText());
    }
}
