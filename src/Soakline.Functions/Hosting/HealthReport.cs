using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Hosting;

internal sealed record HealthReport(string Status, string Mode, string TaskHub, DateTimeOffset Time);
