package org.peerpath.cluster;

import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where the model's elements come into a node: called once, in the node's guardian, when the node
 * is Up, with the node's settings, so that a {@code server-2} node can spawn {@code server-2} (with
 * its adapter and memory) and register each under its {@link ElementKeys} key.
 */
@FunctionalInterface
public interface ElementSpawner {
  /** Spawns nothing: a node that only holds its place in the cluster. */
  ElementSpawner NONE = (context, node) -> {};

  /** Spawns this node's elements as children of {@code context}. */
  void spawn(ActorContext<?> context, NodeSettings node);

  /** This spawner, then {@code next}. */
  default ElementSpawner andThen(ElementSpawner next) {
    return (context, node) -> {
      spawn(context, node);
      next.spawn(context, node);
    };
  }
}
