namespace Scheduler.Optimizer.Synthetic;

/// <summary>What couples the sessions of a synthetic site beyond their own circuits.</summary>
public enum SyntheticProfile
{
    /// <summary>A grid connection at 35 % of the chargers' full power, which binds only in the demand-response cut; no demand charge.</summary>
    Loose,

    /// <summary>A grid connection at 10 % of the chargers' full power, binding most of the night.</summary>
    Binding,

    /// <summary>The loose connection with demand charges shaped like SCE TOU-8 Option D: a facility charge and an on-peak one.</summary>
    Demand,

    /// <summary>The binding connection and the demand charges together.</summary>
    Both,
}
