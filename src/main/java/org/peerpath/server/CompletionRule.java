package org.peerpath.server;

/**
 * When a command's waiting state may answer the host, given which of the CSW and the completion
 * notice have arrived (claims 5, 7). {@link Completion} holds the two rules the patent describes;
 * tests plant wrong ones to show that simulation finds them.
 */
@FunctionalInterface
public interface CompletionRule {
  boolean completes(boolean cswIn, boolean noticeIn);
}
