namespace Scheduler.Protocols.Messages;

/// <summary>How a vehicle asks to be charged (OCPP 2.0.1 <c>EnergyTransferModeEnumType</c>).</summary>
public enum EvEnergyTransfer
{
    /// <summary>Direct current (<c>DC</c>).</summary>
    Dc,

    /// <summary>AC on one phase (<c>AC_single_phase</c>).</summary>
    AcSinglePhase,

    /// <summary>AC on two phases (<c>AC_two_phase</c>).</summary>
    AcTwoPhase,

    /// <summary>AC on three phases (<c>AC_three_phase</c>).</summary>
    AcThreePhase,
}
