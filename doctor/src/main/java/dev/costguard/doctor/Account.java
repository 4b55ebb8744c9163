package dev.costguard.doctor;

import dev.costguard.core.ports.AccountIdentity;
import dev.costguard.core.ports.BudgetSpend;
import dev.costguard.core.ports.ConcurrencyQuota;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.Executions;
import dev.costguard.core.ports.FunctionInvoker;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.LogEvents;
import dev.costguard.core.ports.ManagedInstances;
import dev.costguard.core.ports.MountTargets;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Schedules;
import dev.costguard.core.ports.StateBuckets;
import dev.costguard.core.ports.TaskDefinitions;
import dev.costguard.core.ports.VpcEndpoints;

/** Every capability of the account the doctor reads and the smoke test drives, as ports. */
public record Account(AccountIdentity identity, ConcurrencyQuota quota, FunctionThrottle functions, Instances instances,
        Distributions distributions, ContainerServices services, MountTargets mountTargets, ManagedInstances managed,
        VpcEndpoints endpoints, BudgetSpend budgets, StateBuckets buckets, TaskDefinitions taskDefinitions,
        FunctionInvoker invoker, Schedules schedules, Executions executions, LogEvents logs, Notifier notifier) {
}
