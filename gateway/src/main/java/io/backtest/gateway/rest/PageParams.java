package io.backtest.gateway.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging parameters of every list, checked before anything is forwarded. */
public class PageParams {
  /** Largest page a caller may ask for. */
  public static final int MAX_SIZE = 100;

  @QueryParam("page")
  @DefaultValue("0")
  @Min(0)
  @Parameter(description = "Page number, from 0", example = "0")
  public int page;

  @QueryParam("size")
  @DefaultValue("20")
  @Min(1)
  @Max(MAX_SIZE)
  @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
  public int size;
}
