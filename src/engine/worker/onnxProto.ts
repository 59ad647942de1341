import protobuf from 'protobufjs/minimal.js';

// The parts of onnx.proto this engine reads and writes by hand (protobuf wire format, no schema).

export const WIRE = { VARINT: 0, LENGTH_DELIMITED: 2, FIXED32: 5 } as const;

/** Field numbers, by message. */
export const MODEL = { IR_VERSION: 1, GRAPH: 7, OPSET_IMPORT: 8 } as const;
export const OPERATOR_SET = { VERSION: 2 } as const;
export const GRAPH = { NODE: 1, NAME: 2, INITIALIZER: 5, INPUT: 11, OUTPUT: 12 } as const;
export const NODE = { INPUT: 1, OUTPUT: 2, OP_TYPE: 4, ATTRIBUTE: 5 } as const;
export const ATTRIBUTE = { NAME: 1, FLOAT: 2, INT: 3, INTS: 8, TYPE: 20 } as const;
export const TENSOR = { DIMS: 1, DATA_TYPE: 2, NAME: 8, RAW_DATA: 9, EXTERNAL_DATA: 13, DATA_LOCATION: 14 } as const;
/** StringStringEntryProto, as in TensorProto.external_data. */
export const ENTRY = { KEY: 1, VALUE: 2 } as const;
export const VALUE_INFO = { NAME: 1, TYPE: 2 } as const;
export const TYPE = { TENSOR_TYPE: 1 } as const;
export const TENSOR_TYPE = { ELEM_TYPE: 1, SHAPE: 2 } as const;
export const SHAPE = { DIM: 1 } as const;
export const DIMENSION = { VALUE: 1, PARAM: 2 } as const;

/** Enum values. */
export const DATA_TYPE = { FLOAT: 1, INT8: 3, INT64: 7 } as const;
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, INTS: 7 } as const;
export const DATA_LOCATION_EXTERNAL = 1;

export const tagOf = (fieldNumber: number, wireType: number) => (fieldNumber << 3) | wireType;

export interface Field {
  number: number;
  wireType: number;
  /** From the field's tag to its end. */
  start: number;
  end: number;
  /** Where a length-delimited field's payload starts. */
  payload: number;
}

/** The fields of the message `bytes[from, to)`, in order, without decoding their values. */
export function* fieldsOf(bytes: Uint8Array, from = 0, to = bytes.length): Generator<Field> {
  const reader = protobuf.Reader.create(bytes);
  reader.pos = from;
  reader.len = to;
  while (reader.pos < to) {
    const start = reader.pos;
    const tag = reader.uint32();
    const wireType = tag & 7;
    let payload = reader.pos;
    if (wireType === WIRE.LENGTH_DELIMITED) {
      const length = reader.uint32();
      payload = reader.pos;
      reader.skip(length);
    } else {
      reader.skipType(wireType);
    }
    yield { number: tag >>> 3, wireType, start, end: reader.pos, payload };
  }
}
