namespace Soakline.Durable.Testing.History;

/// <summary>An external event delivered to this instance. <see cref="MessageId"/> lets a redelivery be recognised.</summary>
public sealed record EventRaised(string Name, string? Input, string? MessageId = null) : HistoryEvent;
