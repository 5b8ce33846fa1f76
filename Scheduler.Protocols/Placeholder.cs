namespace Scheduler.Protocols; internal static class Placeholder { }
