namespace Scheduler.Functions.Vtn;

/// <summary>How our VEN proves itself to a VTN: a static bearer token or OAuth2 client credentials.</summary>
public abstract record VtnAuth
{
    private protected VtnAuth()
    {
    }
}
