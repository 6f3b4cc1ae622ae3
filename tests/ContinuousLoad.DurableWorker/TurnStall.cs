namespace ContinuousLoad.DurableWorker;

/// <summary>
/// A crash-test hook: with <c>CL_STALL_TURN=1</c> in its environment, this process holds the first live
/// turn that asks, so the test can kill it in the middle of a turn. A restarted process (without the
/// variable) replays the same history and goes on: the hold changes no action, so replay stays deterministic.
/// </summary>
public static class TurnStall
{
    private static int _held;

    // The hold is the point of the hook, and replay-safe: only a live turn of a process started with the variable holds.
#pragma warning disable DURABLE0003, DURABLE0006
    public static void HoldIfAsked()
    {
        if (Environment.GetEnvironmentVariable("CL_STALL_TURN") == "1" && Interlocked.Exchange(ref _held, 1) == 0)
        {
            Console.Out.WriteLine("stalled");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
    }
#pragma warning restore DURABLE0003, DURABLE0006
}
