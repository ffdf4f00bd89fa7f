package org.peerpath.subsystem;

/**
 * Run in a JVM of its own by InvalidApplicationSettingsTest: asks for the application's defaults
 * twice and the trace defaults once, and prints what each gave.
 */
public final class DefaultsProbe {
  private DefaultsProbe() {}

  public static void main(String[] args) {
    for (int i = 0; i < 2; i++) {
      try {
        System.out.println("defaults " + SubsystemSettings.defaults().servers());
      } catch (IllegalArgumentException e) {
        System.out.println("refused " + e.getMessage());
      }
    }
    System.out.println("trace " + SubsystemSettings.traceDefaults().servers());
  }
}
