package org.peerpath;

/**
 * Marker for every message that may cross a JVM: bound to Pekko's Jackson CBOR serializer in
 * reference.conf, so a protocol record only has to implement it to travel in the cluster.
 */
public interface CborSerializable {}
