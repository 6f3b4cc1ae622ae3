namespace ContinuousLoad.Durable;

/// <summary>The orchestrators and activities a worker can run, by name.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = [];
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> _activities = [];

    public DurableTaskRegistry AddOrchestrator<T>(TaskName? name = null) where T : class, ITaskOrchestrator =>
        AddOrchestrator(name ?? typeof(T).Name, services => Create<T>(services));

    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        _orchestrators.Add(name, factory);
        return this;
    }

    public DurableTaskRegistry AddActivity<T>(TaskName? name = null) where T : class, ITaskActivity =>
        AddActivity(name ?? typeof(T).Name, services => Create<T>(services));

    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        _activities.Add(name, factory);
        return this;
    }

    internal ITaskOrchestrator? CreateOrchestrator(TaskName name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;

    internal ITaskActivity? CreateActivity(TaskName name, IServiceProvider services) =>
        _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private static T Create<T>(IServiceProvider services) where T : class =>
        Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(services);
}
