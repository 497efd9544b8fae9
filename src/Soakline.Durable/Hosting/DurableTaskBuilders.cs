using Microsoft.Extensions.DependencyInjection;

namespace Soakline.Durable.Hosting;

internal sealed record DurableTaskWorkerBuilder(string Name, IServiceCollection Services) : IDurableTaskWorkerBuilder;

internal sealed record DurableTaskClientBuilder(string Name, IServiceCollection Services) : IDurableTaskClientBuilder;

/// <summary>One <c>AddTasks</c> call, kept until the registry is built when the worker first needs it.</summary>
internal sealed record TaskRegistration(Action<DurableTaskRegistry> Configure);
