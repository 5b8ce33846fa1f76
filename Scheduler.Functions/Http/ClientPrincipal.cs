namespace Scheduler.Functions.Http;

/// <summary>A signed-in user as App Service Authentication vouches for them: their Entra object id and app roles.</summary>
/// <param name="ObjectId">The user's object id in the tenant (the <c>oid</c> claim): what the vehicle access table keys on.</param>
/// <param name="Name">Their display name or user name, where the token has one.</param>
/// <param name="Roles">The app roles assigned to them (see <see cref="OperatorRoles"/>).</param>
public sealed record ClientPrincipal(string ObjectId, string? Name, IReadOnlySet<string> Roles)
{
    /// <summary>Whether an app role makes them an operator of <paramref name="siteId"/>.</summary>
    public bool IsOperatorOf(string siteId) => Roles.Contains(OperatorRoles.AllSites) || Roles.Contains(OperatorRoles.For(siteId));
}
