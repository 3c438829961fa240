namespace Tracking.Domain; public static class DomainMarker;
