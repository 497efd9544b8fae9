using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// A FunctionContext for calling function methods directly: the worker's abstract classes are public, so a test builds
/// the invocation the way the worker would (name, binding data, the invocation's service scope).
/// </summary>
internal sealed class TestFunctionContext : FunctionContext
{
    public TestFunctionContext(string functionName, IServiceProvider services, IReadOnlyDictionary<string, object?>? bindingData = null)
    {
        FunctionDefinition = new TestFunctionDefinition(functionName);
        BindingContext = new TestBindingContext(bindingData ?? new Dictionary<string, object?>());
        InstanceServices = services;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; } = new TestTraceContext();

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext { get; } = new TestRetryContext();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new TestFeatures();

    private sealed class TestFunctionDefinition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(Program).Assembly.Location;

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class TestFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class TestBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class TestTraceContext : TraceContext
    {
        public override string TraceParent => string.Empty;

        public override string TraceState => string.Empty;
    }

    private sealed class TestRetryContext : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }
}
