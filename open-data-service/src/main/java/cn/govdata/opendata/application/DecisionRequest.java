package cn.govdata.opendata.application;

import jakarta.validation.constraints.Size;

record DecisionRequest(boolean approve, @Size(max = 2000) String reasons) {
}
