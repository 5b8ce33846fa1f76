using Scheduler.Optimizer.Solving;

namespace Scheduler.Tests.Optimizer.Solving;

public sealed class DeadlineTests
{
    [Fact]
    public void Start_NoLimit_NeverExpiresAndHasNoBudget()
    {
        var deadline = Deadline.Start(null);

        Assert.False(deadline.Expired);
        Assert.Null(deadline.Remaining);
        Assert.Null(deadline.Budget(0.5));
        Assert.Equal(TimeSpan.FromSeconds(3), deadline.Budget(0.5, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Start_ZeroLimit_HasExpired()
    {
        var deadline = Deadline.Start(TimeSpan.Zero);

        Assert.True(deadline.Expired);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
        Assert.True(deadline.Share(0.5).Expired);
    }
}
