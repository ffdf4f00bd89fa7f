package org.peerpath;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.apache.pekko.util.ByteString;

/**
 * Lets Jackson carry Pekko's {@link ByteString}, the payload of every block of data, as binary (raw
 * bytes in CBOR). Pekko's Jackson support has modules for actor references and addresses but none
 * for ByteString; reference.conf registers this one for every Jackson serializer.
 */
public final class ByteStringJacksonModule extends SimpleModule {
  public ByteStringJacksonModule() {
    super("peerpath-bytestring");
    addSerializer(
        ByteString.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(ByteString value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeBinary(value.toArray());
          }
        });
    addDeserializer(
        ByteString.class,
        new JsonDeserializer<>() {
          @Override
          public ByteString deserialize(JsonParser p, DeserializationContext ctx)
              throws IOException {
            return ByteString.fromArrayUnsafe(p.getBinaryValue());
          }
        });
  }
}
