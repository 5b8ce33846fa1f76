namespace Scheduler.Functions.Planning;

/// <summary>A site's stored configuration cannot be planned (an unknown zone, a malformed default); retrying will not help.</summary>
public sealed class SiteConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiteConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SiteConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SiteConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
