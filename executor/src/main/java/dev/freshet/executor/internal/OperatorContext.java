package dev.freshet.executor.internal;

import java.util.List;

/** What the runtime gives an operator instance: its state tables and its place among instances. */
public interface OperatorContext {
    /** The state tables, in the order of the plan node's {@code stateTables()}. */
    List<OperatorState> stateTables();

    /** The index of this instance among the operator's instances, from 0. */
    int instance();

    /** The name of the view the operator belongs to, for log messages. */
    String viewName();
}
