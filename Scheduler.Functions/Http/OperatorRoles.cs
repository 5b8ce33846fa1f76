namespace Scheduler.Functions.Http;

/// <summary>
/// The app roles that make a user an operator, defined on the app registration and assigned in Entra ID:
/// <c>Operator.All</c> reaches every site, <c>Operator.{siteId}</c> one site. Operators reach their sites' vehicles,
/// plans and page, and say which drivers reach which vehicles; drivers need no role.
/// </summary>
public static class OperatorRoles
{
    /// <summary>The role of an operator of every site.</summary>
    public const string AllSites = "Operator.All";

    /// <summary>The role of an operator of one site.</summary>
    public static string For(string siteId) => "Operator." + siteId;
}
