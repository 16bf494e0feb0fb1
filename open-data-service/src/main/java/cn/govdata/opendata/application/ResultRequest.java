package cn.govdata.opendata.application;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The bureau's evaluation of every bid (score and reasons) and the selected bid, with the reasons published (NJ 27, QZ 6.6). */
record ResultRequest(@NotEmpty List<@Valid @NotNull Evaluation> evaluations, @NotBlank String selectedBidId,
                     @NotBlank @Size(max = 2000) String reasons) {

    record Evaluation(@NotBlank String bidId, @NotNull @PositiveOrZero Double score, @NotBlank @Size(max = 2000) String reasons) {
    }
}
