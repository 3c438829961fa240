namespace Tracking.Domain.Catalog;

public enum ExpectedMethods { Both, Pixel, Postback }

public enum OfferState { Active, Paused }

public enum AmountKind { Fixed, Percent }
