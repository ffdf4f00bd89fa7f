package org.peerpath.testkit;

import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5's way in to the virtual-time testkit. It gives a test method that takes a {@link
 * VirtualTimeKit} a fresh one, under FIFO with the runtime's default settings, and closes it after
 * the test. {@link VirtualTimeTest} registers it; {@code @ExtendWith(VirtualTimeExtension.class)}
 * on a class does for its {@code @Test}s.
 */
public final class VirtualTimeExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(VirtualTimeExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VirtualTimeKit.class
        && parameter.getDeclaringExecutable() instanceof Method;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return kit(context, () -> VirtualTimeKit.create(context.getRequiredTestMethod().getName()));
  }

  /** The kit of the test that {@code context} runs, made by {@code create} on first use. */
  static VirtualTimeKit kit(ExtensionContext context, Supplier<VirtualTimeKit> create) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(OpenKit.class, k -> new OpenKit(create.get()), OpenKit.class)
        .kit();
  }

  /** A kit in a test's store, closed with it (after the test's {@code @AfterEach} methods). */
  record OpenKit(VirtualTimeKit kit) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      kit.close();
    }
  }
}
