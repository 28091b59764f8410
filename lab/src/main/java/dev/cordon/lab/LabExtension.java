package dev.cordon.lab;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit side of the lab: checks the machine before each lab test (failing, never skipping, when
 * something is missing), sweeps leftovers of killed runs once, hands the test a fresh {@link Lab},
 * and closes it afterwards. When the test failed, the lab's report (commands run and every
 * process's output) is printed to stderr and attached to the failure as a suppressed exception, so
 * it shows up in the surefire report.
 */
public final class LabExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(LabExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Prerequisites.check();
    Sweeper.sweepOnce();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    var store = context.getStore(STORE);
    var existing = store.get(Lab.class, Lab.class);
    if (existing != null) {
      return existing;
    }
    var lab = Lab.open(context.getRequiredTestClass().getSimpleName() + "-" + methodName(context));
    store.put(Lab.class, lab);
    return lab;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    var lab = context.getStore(STORE).remove(Lab.class, Lab.class);
    if (lab == null) {
      return;
    }
    try {
      context
          .getExecutionException()
          .ifPresent(
              failure -> {
                String report = lab.report();
                System.err.println(report);
                failure.addSuppressed(new LabReport(report));
              });
    } finally {
      lab.close();
    }
  }

  private static String methodName(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.getName()).orElse("lab");
  }

  /** Carries the lab's report into the failure's stack trace. */
  static final class LabReport extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LabReport(String report) {
      super("lab report follows\n" + report, null, false, false);
    }
  }
}
